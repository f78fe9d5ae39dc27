/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_API_ORIGIN: string;
  readonly VITE_BUILD_LABEL: string;
}
