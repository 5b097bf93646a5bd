// Writing outputs so that nothing half-written ever replaces a good file: write next to the target,
// then rename (atomic on one file system). A failed build leaves the previous output in place.
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ConvertError } from '../errors.js'

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, data)
    await rename(temp, file)
  } catch (cause) {
    await rm(temp, { force: true })
    throw new ConvertError(`could not write ${file}`, { cause })
  }
}
