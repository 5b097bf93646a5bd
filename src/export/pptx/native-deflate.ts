// deck.pptx's zip compressed by Node's zlib instead of in JavaScript. pptxgenjs hands its parts to
// JSZip, whose DEFLATE is pako (pure JavaScript) fed 16 KB a tick through a chain of stream workers:
// profiled on the 57-slide example that was about 400 ms of the 550 ms the whole native PPTX took,
// for 1.4 MB of XML. pptxgenjs is asked for a stored (uncompressed) zip instead and every entry is
// deflated here by zlib, natively. A stored zip already holds each entry's CRC-32, which is of the
// uncompressed bytes, so nothing is checksummed twice. Pictures (PNG, JPEG…) are compressed already
// and stay stored: deflating them costs time and gains nothing.
import { deflateRawSync } from 'node:zlib'
import { ConvertError } from '../../errors.js'

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const STORED = 0
const DEFLATED = 8
/** general purpose flag bit 3: sizes and CRC in a data descriptor after the data */
const DATA_DESCRIPTOR = 0x0008
/** files whose bytes are compressed already (pictures, media): stored as they are */
const ALREADY_COMPRESSED = /\.(png|jpe?g|gif|webp|mp4|m4a|mp3|wmv|wma)$/i

interface Entry {
  /** the central directory record, copied and patched */
  central: Buffer
  name: Buffer
  /** the local header's extra field, kept as it was */
  localExtra: Buffer
  data: Buffer
}

function fail(what: string): never {
  throw new ConvertError(`internal: the PPTX writer's zip is not as expected (${what})`)
}

/** The entries of a zip whose entries are all stored, from its central directory. */
function readStoredZip(zip: Buffer): Entry[] {
  // the end record is 22 bytes plus a comment of at most 64 KB, at the very end
  let end = zip.length - 22
  const stop = Math.max(0, zip.length - 22 - 0xffff)
  while (end >= stop && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--
  if (end < stop) fail('no end of central directory')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: Entry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) fail('central directory')
    const nameLength = zip.readUInt16LE(at + 28)
    const length = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const central = Buffer.from(zip.subarray(at, at + length))
    if (central.readUInt16LE(10) !== STORED) fail('an entry is compressed already')
    const size = central.readUInt32LE(20)
    const local = central.readUInt32LE(42)
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) fail('local header')
    const localName = zip.readUInt16LE(local + 26)
    const localExtra = zip.readUInt16LE(local + 28)
    const start = local + 30 + localName + localExtra
    entries.push({
      central,
      name: central.subarray(46, 46 + nameLength),
      localExtra: Buffer.from(zip.subarray(local + 30 + localName, start)),
      data: zip.subarray(start, start + size),
    })
    at += length
  }
  return entries
}

/**
 * The same archive, each entry deflated by zlib where that makes it smaller (pictures stay stored).
 * `zip` must hold stored entries only, as JSZip writes with compression STORE.
 */
export function deflateStoredZip(zip: Uint8Array): Buffer {
  const source = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength)
  const parts: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of readStoredZip(source)) {
    const packed = ALREADY_COMPRESSED.test(entry.name.toString('latin1'))
      ? undefined
      : deflateRawSync(entry.data)
    const deflate = packed !== undefined && packed.length < entry.data.length
    const data = deflate ? packed : entry.data
    const { central } = entry
    // sizes are known here: written in the local header, with no data descriptor after the data
    const flags = central.readUInt16LE(8) & ~DATA_DESCRIPTOR
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_HEADER, 0)
    local.writeUInt16LE(deflate ? 20 : 10, 4) // version needed: 2.0 for deflate
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(deflate ? DEFLATED : STORED, 8)
    central.copy(local, 10, 12, 28) // time, date, CRC-32, sizes (the compressed one is set below)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt16LE(entry.name.length, 26)
    local.writeUInt16LE(entry.localExtra.length, 28)
    central.writeUInt16LE(Math.max(central.readUInt16LE(6), deflate ? 20 : 10), 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(deflate ? DEFLATED : STORED, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(offset, 42)
    parts.push(local, entry.name, entry.localExtra, data)
    centrals.push(central)
    offset += local.length + entry.name.length + entry.localExtra.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const endRecord = Buffer.alloc(22)
  endRecord.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  endRecord.writeUInt16LE(centrals.length, 8)
  endRecord.writeUInt16LE(centrals.length, 10)
  endRecord.writeUInt32LE(directory.length, 12)
  endRecord.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, directory, endRecord])
}
