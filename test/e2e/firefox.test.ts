import { launchFirefox } from './harness';
import { browserSuite } from './scenarios';

browserSuite('firefox', (lab) => launchFirefox(lab));
import { loadSuite } from './scenarios';

loadSuite('firefox', (lab) => launchFirefox(lab));
