// Writing outputs so that nothing half-written ever replaces a good file: write next to the target,
// then rename (atomic on one file system). A failed build leaves the previous output in place.
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ConvertError, fromSystemError } from '../errors.js'

/** Temporary files being written now: removed if the process is stopped by a signal. */
export const pendingTempFiles = new Set<string>()

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    await mkdir(dirname(file), { recursive: true })
    pendingTempFiles.add(temp)
    await writeFile(temp, data)
    await rename(temp, file)
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined)
    // A file where a folder must go, a full disk: say which path, as input or environment.
    const system = fromSystemError(cause)
    throw system
      ? new (system.constructor as typeof ConvertError)(`could not write ${file}: ${system.message}`, {
          cause,
        })
      : new ConvertError(`could not write ${file}`, { cause })
  } finally {
    pendingTempFiles.delete(temp)
  }
}
