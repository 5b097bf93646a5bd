// Types of page-scripts.js (plain JavaScript so that build-dist.js can run it before anything is built).
export type PageScriptName = 'deckRuntime' | 'chartPage'
export declare const PAGE_SCRIPTS: Record<PageScriptName, string>
export declare function bundlePageScript(name: PageScriptName): Promise<string>
export declare function bundleAllPageScripts(): Promise<Record<PageScriptName, string>>
