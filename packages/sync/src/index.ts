export * from './report/index.ts';
export * from './git.ts';
export * from './merge/index.ts';
export * from './detect-provider.ts';
export * from './discover.ts';
