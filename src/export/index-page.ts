// output/index.html: every edition built so far, with its first slide as a thumbnail and a link to
// each file. It lists what is on disk (not only this run's editions), so building one edition does
// not drop the others from the page.
import { readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import type { BuildResult } from '../pipeline.js'
import { escapeHtml } from '../render/handlebars.js'
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

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

export async function writeIndexPage(result: BuildResult, options: { outDir: string }): Promise<string> {
  const outRoot = resolve(options.outDir)
  const reportDir = join(outRoot, result.reportId)
  const names = new Map(result.editions.map((e) => [e.id, e.name]))
  const editions = (await readdir(reportDir, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort((a, b) => (a === result.reportId ? -1 : b === result.reportId ? 1 : a.localeCompare(b)))
  const cards: string[] = []
  for (const id of editions) {
    const dir = join(reportDir, id)
    const rel = (f: string) => relative(outRoot, join(dir, f)).split('\\').join('/')
    const links = []
    for (const { file, label } of FILES) {
      if (await exists(join(dir, file)))
        links.push(`<li><a href="${escapeHtml(rel(file))}">${escapeHtml(label)}</a></li>`)
    }
    const thumb = (await exists(join(dir, 'slides', '01.png')))
      ? `<img src="${escapeHtml(rel('slides/01.png'))}" alt="" loading="lazy">`
      : '<div class="nothumb"></div>'
    cards.push(
      `<article><a href="${escapeHtml(rel('deck.html'))}">${thumb}</a><h2>${escapeHtml(names.get(id) ?? id)} <small>${escapeHtml(id)}</small></h2><ul>${links.join('')}</ul></article>`,
    )
  }
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>huibao: ${escapeHtml(result.reportId)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,'Noto Sans SC',sans-serif;margin:2rem;background:#faf8f4;color:#222}
h1{font-weight:600}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1.5rem}
article{background:#fff;border:1px solid #e4ddd0;border-radius:8px;padding:1rem}
article img,.nothumb{width:100%;aspect-ratio:16/9;object-fit:cover;border:1px solid #eee;background:#f3f0ea}
h2{font-size:1.1rem;margin:.6rem 0}small{color:#888;font-weight:400}ul{padding-left:1.2rem;margin:0}
</style></head><body><h1>${escapeHtml(result.reportId)}: ${editions.length} edition(s)</h1><main>
${cards.join('\n')}
</main></body></html>
`
  const file = join(outRoot, 'index.html')
  await writeAtomic(file, html)
  return file
}
