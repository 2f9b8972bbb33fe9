// The vitest setup file of every aio test project (`setupFiles` in each vitest config):
// a test file fails when an aio loop reports an error that no test asked for.
import { failOnStrayReports } from './strayReports';

failOnStrayReports();
