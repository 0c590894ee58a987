// Types of the untyped tools the print test uses.

declare module '*/scripts/test/chromium.mjs' {
  export const CHROMIUM_ARGS: string[];
  export function findChromium(): string;
  export function freePort(): Promise<number>;
}

declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
