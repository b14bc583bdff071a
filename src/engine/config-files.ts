/** Configuration file names, looked for in each folder in this order. Discovery never lints them as IaC. */
export const CONFIG_FILES = ['.iamlint.yml', '.iamlint.yaml', '.iamlint.json', 'iamlint.config.json'] as const;

export function isConfigFile(rel: string): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return (CONFIG_FILES as readonly string[]).includes(name);
}
