/** The API base URL, e.g. 'http://localhost:8000/api' (compiled in by vite.config.ts). */
declare const __DEMO_API_BASE__: string;
/** The API origin the worker attaches tokens for. */
declare const __DEMO_API_ORIGIN__: string;
