/** In-app navigation without a router library: pushState plus an event the app listens for. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}
