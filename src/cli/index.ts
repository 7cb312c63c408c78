// The `cais` command line. bin/cais imports main() (for everything but
// `cais daemon`) and exits with the code it returns.
export { main } from './main.js';
