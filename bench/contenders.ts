/** The bench's contenders; each has its page at /bench/<name>/ (and its worker there, if any). */
export const CONTENDERS = ['floor', 'passthrough', 'inject', 'seed', 'seed-fixed', 'bearer'] as const;
export type Contender = (typeof CONTENDERS)[number];
