export interface FoundEngines {
  firefox?: string;
  webkitDriver?: string;
  miniBrowser?: string;
  xvfbRun?: string;
}
export function findEngines(): FoundEngines;
export function missingEnginePackages(found?: FoundEngines): string[];
