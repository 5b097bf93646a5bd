// Starts the one Chromium the whole test suite shares, and hands its endpoint to the test files.
import type { TestProject } from 'vitest/node'
import { BrowserSession } from '../../src/browser/session.js'

let session: BrowserSession | undefined

export async function setup(project: TestProject): Promise<void> {
  session = await BrowserSession.launch({ projectRoot: process.cwd(), connectable: true })
  project.provide('browserWSEndpoint', session.browser.wsEndpoint())
}

export async function teardown(): Promise<void> {
  await session?.close()
}

declare module 'vitest' {
  export interface ProvidedContext {
    browserWSEndpoint: string
  }
}
