/** `dst.push(...src)` without the argument-count limit of spreading a large array. */
export function append<T>(dst: T[], src: readonly T[]): void {
  for (const x of src) dst.push(x);
}
