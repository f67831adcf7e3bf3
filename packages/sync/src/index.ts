export * from './report/index.ts';
export * from './git.ts';
