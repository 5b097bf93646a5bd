// The `huibao dev` HTTP server: 127.0.0.1 only, pages from DevBuilder, events as Server-Sent Events.
// Requests whose Host is not this server are refused, so that no other web page can read the deck
// through a DNS name pointed at 127.0.0.1.
import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { DevBuilder, EditionView } from './builder.js'
import { clientScript } from './client-bundle.js'
import { deckPage, handoutPage } from './page.js'

export interface DevServer {
  url: string
  port: number
  /** tells every page of an edition; the builder's events go through here */
  publish(type: string, edition: string, message: Record<string, unknown>): void
  /** edition ids that have a page open, per role */
  watched(role: 'deck' | 'handout'): Set<string>
  close(): Promise<void>
}

interface Client {
  res: ServerResponse
  edition: string
  role: 'deck' | 'handout'
}

const ID = /^[a-z0-9][a-z0-9-]*$/i

/** One Server-Sent Event: its type, and the message with the edition as JSON on one line. */
function eventText(type: string, edition: string, message: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ ...message, edition })}\n\n`
}

export async function startDevServer(builder: DevBuilder, port = 0): Promise<DevServer> {
  const clients = new Set<Client>()
  let origin = ''
  let hosts = new Set<string>()

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
    res.end(body)
  }
  const data = async (role: 'deck' | 'handout', view: EditionView) => ({
    role,
    edition: view.id,
    editions: await builder.editionIds(),
    version: role === 'handout' ? view.handout.version : view.version,
    problems: role === 'handout' ? view.handout.problems : view.problems,
    ...(role === 'handout' ? { pages: view.handout.pages } : {}),
  })

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.has(req.headers.host ?? '')) {
      send(res, 403, 'text/plain', 'huibao dev answers only to its own address\n')
      return
    }
    const url = new URL(req.url ?? '/', origin)
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'GET only\n')
      return
    }
    if (parts.length === 0) {
      const [first] = await builder.editionIds()
      res.writeHead(302, { location: `/${encodeURIComponent(first ?? 'report')}/` }).end()
      return
    }
    if (parts[0] === 'events') {
      const edition = url.searchParams.get('edition') ?? ''
      const role = url.searchParams.get('role') === 'handout' ? 'handout' : 'deck'
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      res.write('retry: 500\n\n')
      const client: Client = { res, edition, role }
      clients.add(client)
      req.on('close', () => clients.delete(client))
      // A page that missed a rebuild while it loaded catches up now.
      const view = builder.view(edition)
      if (view.stale && role === 'deck') void builder.rebuild(edition)
      const known = Number(url.searchParams.get('version') ?? 0)
      if (role === 'handout' && !view.handout.stale && view.handout.version > known) {
        const { version, problems, pages } = view.handout
        const state = problems.length > 0 ? 'failed' : 'ready'
        res.write(eventText('handout', edition, { state, version, problems, pages }))
      }
      return
    }
    const [edition, file = '', picture = ''] = parts
    if (file === 'handout-page' && edition && ID.test(edition) && parts.length === 3) {
      await sendPagePicture(res, builder.view(edition), picture)
      return
    }
    if (!edition || !ID.test(edition) || parts.length > 2) {
      send(res, 404, 'text/plain', 'not found\n')
      return
    }
    if (file === '' || file === 'index.html') {
      const view = await builder.deck(edition)
      const html = await deckPage(view.html, await data('deck', view), `huibao dev · ${edition}`)
      send(res, 200, 'text/html; charset=utf-8', html)
    } else if (file === 'deck.html') {
      const view = await builder.deck(edition)
      if (view.html) send(res, 200, 'text/html; charset=utf-8', view.html)
      else send(res, 404, 'text/plain', view.problems.join('\n'))
    } else if (file === 'handout') {
      // the view opens on the pages there are; a print, if one is due, reaches it as an event
      const view = builder.view(edition)
      if (view.handout.stale) void builder.handout(edition)
      send(
        res,
        200,
        'text/html; charset=utf-8',
        await handoutPage(await data('handout', view), `huibao dev · ${edition} · handout`),
      )
    } else if (file === 'handout.pdf') {
      const view = await builder.handout(edition)
      if (!view.handout.file) {
        send(res, 404, 'text/plain', view.handout.problems.join('\n'))
        return
      }
      res.writeHead(200, { 'content-type': 'application/pdf', 'cache-control': 'no-store' })
      createReadStream(view.handout.file)
        .on('error', () => res.destroy())
        .pipe(res)
    } else send(res, 404, 'text/plain', 'not found\n')
  }

  const sendPagePicture = async (res: ServerResponse, view: EditionView, picture: string) => {
    const page = /^(\d{1,4})\.png$/.exec(picture)?.[1]
    const { pagesDir, pages } = view.handout
    if (!page || !pagesDir || Number(page) < 1 || Number(page) > pages) {
      send(res, 404, 'text/plain', 'not found\n')
      return
    }
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
    createReadStream(join(pagesDir, `${Number(page)}.png`))
      .on('error', () => res.destroy())
      .pipe(res)
  }

  // The page script is bundled now, not at the first page: a problem with it stops the start.
  await clientScript()
  const server: Server = createServer((req, res) => {
    // The server never dies on a request: anything unexpected is a 500 with the reason.
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, 'text/plain', `huibao dev: ${String((error as Error)?.message ?? error)}\n`)
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const { port: bound } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${bound}`
  hosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`])
  // Comments keep idle event streams open through proxies and tell dead ones apart.
  const keepAlive = setInterval(() => {
    for (const c of clients) c.res.write(': keep-alive\n\n')
  }, 15_000)
  keepAlive.unref()

  return {
    url: `${origin}/`,
    port: bound,
    publish(type, edition, message) {
      const payload = eventText(type, edition, message)
      for (const c of clients) if (c.edition === edition) c.res.write(payload)
    },
    watched(role) {
      return new Set([...clients].filter((c) => c.role === role).map((c) => c.edition))
    },
    async close() {
      clearInterval(keepAlive)
      for (const c of clients) c.res.end()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    },
  }
}
