import { launchChromium } from './harness';
import { browserSuite } from './scenarios';

browserSuite('chromium', (lab) => launchChromium(lab));
import { loadSuite } from './scenarios';
import { workerSuite } from './chromium-worker';

loadSuite('chromium', (lab) => launchChromium(lab));
workerSuite();
