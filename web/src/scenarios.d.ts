// The bundled lessons and walkthroughs, compiled in by scripts/build-web.mjs.
declare module 'strata:scenarios' {
  const scenarios: { path: string; text: string }[];
  export default scenarios;
}
