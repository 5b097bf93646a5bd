// "No such file" is often an answer (no config, no source.txt, no data/ folder), but no permission,
// an I/O error or a file where a folder should be is not: those must reach the user (the CLI names
// the path and the cause), never read as "there is none".

/** Whether a file-system error means the path is not there. */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** For `.catch()`: `value` when the path is not there, else the error again. */
export function ifMissing<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (isMissing(error)) return value
    throw error
  }
}
