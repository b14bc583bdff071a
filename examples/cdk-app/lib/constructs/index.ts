export * from './secure-bucket';
export * from './service-role';
export { BreakGlassAccess, type BreakGlassAccessProps } from './break-glass';
