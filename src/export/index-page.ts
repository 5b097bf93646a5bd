// output/index.html: every report and edition found in output/, with its first slide as a thumbnail
// (when slides/01.png was built) and a link to each file. It is built from what is on disk alone,
// never from one run's results, so that `huibao index` after CI shards copied their folders into one
// output/ lists them all, and building one edition does not drop the others from the page. Each
// edition folder names itself in edition.json, written by the build; a folder without one is listed
// under its folder name. The page is written atomically.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { escapeHtml } from '../html/escape.js'
import { writeAtomic } from '../utils/files.js'

const FILES: { file: string; label: string }[] = [
  { file: 'deck.html', label: 'Deck (HTML, presenter view)' },
  { file: 'deck.pdf', label: 'Deck PDF' },
  { file: 'deck-notes.pdf', label: 'Deck with notes' },
  { file: 'deck.pptx', label: 'PowerPoint' },
  { file: 'handout.pdf', label: 'Handout (A4)' },
  { file: 'reading-copy.pdf', label: 'Reading copy' },
  { file: 'slides-handout.pdf', label: 'Slides handout' },
]

/** What an edition folder says about itself (output/<report>/<edition>/edition.json). */
export interface EditionManifest {
  id: string
  name: string
  report: string
  title: string
}

export const MANIFEST = 'edition.json'

export async function writeEditionManifest(outDir: string, manifest: EditionManifest): Promise<void> {
  await writeAtomic(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

async function folders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.endsWith('.tmp'))
    .map((d) => d.name)
}

async function readManifest(dir: string): Promise<Partial<EditionManifest>> {
  try {
    const value = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as unknown
    return value && typeof value === 'object' ? (value as Partial<EditionManifest>) : {}
  } catch {
    return {}
  }
}

interface FoundEdition {
  id: string
  dir: string
  name: string
  title?: string
}

/** Every edition folder under output/<report>/ that holds at least one output. */
export async function findEditions(outRoot: string): Promise<Map<string, FoundEdition[]>> {
  const reports = new Map<string, FoundEdition[]>()
  for (const report of (await folders(outRoot)).sort()) {
    const found: FoundEdition[] = []
    for (const id of await folders(join(outRoot, report))) {
      const dir = join(outRoot, report, id)
      const has = await Promise.all(FILES.map((f) => exists(join(dir, f.file))))
      if (!has.some(Boolean)) continue
      const m = await readManifest(dir)
      found.push({
        id,
        dir,
        name: typeof m.name === 'string' ? m.name : id,
        ...(m.title ? { title: m.title } : {}),
      })
    }
    // the report's own edition first (its folder has the report's id), then the others by id
    found.sort((a, b) => (a.id === report ? -1 : b.id === report ? 1 : a.id.localeCompare(b.id)))
    if (found.length > 0) reports.set(report, found)
  }
  return reports
}

/** Writes <outDir>/index.html over everything found in outDir; returns its path. */
export async function writeOutputIndex(outDir: string): Promise<string> {
  const outRoot = resolve(outDir)
  const reports = await findEditions(outRoot)
  const sections: string[] = []
  let total = 0
  for (const [report, editions] of reports) {
    const cards: string[] = []
    for (const e of editions) {
      const rel = (f: string) => relative(outRoot, join(e.dir, f)).split('\\').join('/')
      const links: string[] = []
      for (const { file, label } of FILES) {
        if (await exists(join(e.dir, file)))
          links.push(`<li><a href="${escapeHtml(rel(file))}">${escapeHtml(label)}</a></li>`)
      }
      const thumb = (await exists(join(e.dir, 'slides', '01.png')))
        ? `<img src="${escapeHtml(rel('slides/01.png'))}" alt="" loading="lazy">`
        : '<div class="nothumb"></div>'
      cards.push(
        `<article><a href="${escapeHtml(rel('deck.html'))}">${thumb}</a><h3>${escapeHtml(e.name)} <small>${escapeHtml(e.id)}</small></h3><ul>${links.join('')}</ul></article>`,
      )
    }
    total += editions.length
    const title = editions.find((e) => e.title)?.title
    sections.push(
      `<section><h2>${escapeHtml(title ?? report)} <small>${escapeHtml(report)} · ${editions.length} edition(s)</small></h2><div class="grid">\n${cards.join('\n')}\n</div></section>`,
    )
  }
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>huibao: ${reports.size} report(s), ${total} edition(s)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,'Noto Sans SC',sans-serif;margin:2rem;background:#faf8f4;color:#222}
h1,h2{font-weight:600}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1.5rem}
article{background:#fff;border:1px solid #e4ddd0;border-radius:8px;padding:1rem}
article img,.nothumb{width:100%;aspect-ratio:16/9;object-fit:cover;border:1px solid #eee;background:#f3f0ea}
h3{font-size:1.1rem;margin:.6rem 0}small{color:#888;font-weight:400}ul{padding-left:1.2rem;margin:0}
</style></head><body><h1>huibao: ${reports.size} report(s), ${total} edition(s)</h1>
${sections.join('\n') || '<p>No outputs found.</p>'}
</body></html>
`
  const file = join(outRoot, 'index.html')
  await writeAtomic(file, html)
  return file
}
