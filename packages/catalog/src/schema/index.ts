export * from './common.ts';
export * from './provenance.ts';
export * from './pricing.ts';
export * from './model.ts';
export * from './provider.ts';
export * from './override.ts';
export * from './files.ts';
export * from './link.ts';
