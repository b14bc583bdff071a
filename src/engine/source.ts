/** A file handed to a parser: its absolute path, its path as reported (relative to the lint root, `/`-separated) and its text. */
export interface SourceFile {
  abs: string;
  rel: string;
  text: string;
}
