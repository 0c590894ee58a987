// Types of the build script the packed-packages test reuses (a plain Node module).

declare module '*/scripts/build/package-manifests.mjs' {
  interface Manifest {
    schemaVersion: string;
    readme?: string;
    modules: Array<{
      kind: string;
      path: string;
      declarations?: Array<{ kind: string; name: string; tagName?: string; customElement?: boolean }>;
      exports?: unknown[];
    }>;
  }
  /** One package's manifest from the repository's `custom-elements.json` (null when the package holds none of its modules). */
  export function packageManifest(root: Manifest, pkg: string): Manifest | null;
}
