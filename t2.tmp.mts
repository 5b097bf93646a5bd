import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { BrowserSession } from './src/browser/session.ts'
import { embeddedFontCss } from './src/fonts/faces.ts'
import { fontsFirst } from './src/fonts/fonts-first.ts'
const projectRoot = process.cwd()
const session = await BrowserSession.launch({ projectRoot })
const svg = readFileSync('data/zhengzhou-2021/editions/logos/xinzheng.svg')
const uri = `data:image/svg+xml;base64,${svg.toString('base64')}`
const fonts = await embeddedFontCss('新郑市政府工作报告', { projectRoot, locale: 'zh-CN', format: 'truetype' })
const variants: Record<string, string> = {
  small: `<html><head><style>img{height:56px;width:auto}</style></head><body><img src="${uri}"></body></html>`,
  fonts: `<html><head><style>${fonts}</style></head><body><p>政府工作报告</p><img src="${uri}" width=268 height=128></body></html>`,
  first: fontsFirst(`<html><head><style>${fonts}</style></head><body><p>政府工作报告</p><img src="${uri}" width=268 height=128></body></html>`),
}
for (const [name, html] of Object.entries(variants)) {
  const pdf = await session.withPage(async (page) => {
    await session.load(page, html, { name: 'x.html', viewport: { width: 800, height: 600 } })
    await session.waitForReady(page)
    return page.pdf({ width: '800px', height: '600px' })
  })
  writeFileSync(`/tmp/logo-${name}.pdf`, pdf)
  console.log(name, execFileSync('pdffonts', [`/tmp/logo-${name}.pdf`]).toString().split('\n').slice(2).map((l) => l.split(' ')[0]).join(' '))
}
await session.close()
