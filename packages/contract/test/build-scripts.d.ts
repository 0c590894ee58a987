// Types of the build scripts the registry test reads (plain Node modules).

declare module '*/scripts/bench/size-report.mjs' {
  export interface SizeEntry {
    name: string;
    tag?: string;
    input?: string;
    code?: string;
    external?: RegExp[];
    budget?: number;
  }
  export const entries: SizeEntry[];
}

declare module '*/scripts/build/widget-registry.mjs' {
  export function loadWidgetRegistry(): Promise<typeof import('../src/widgets.js')>;
  export const WIDGET_LOADERS_ID: string;
  export function widgetLoadersPlugin(options?: { preload?: boolean }): {
    name: string;
    resolveId(id: string): string | null;
    load(id: string): Promise<string | null>;
  };
}
