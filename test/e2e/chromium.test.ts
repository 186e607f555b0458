import { renewerSuite } from './renewer';
import { askCaSuite } from './ask-the-ca';
import { workerSuite } from './chromium-worker';
import { launchChromium } from './harness';
import { browserSuite, loadSuite, popupSuite, watchSuite } from './scenarios';

browserSuite('chromium', (lab) => launchChromium(lab));
loadSuite('chromium', (lab) => launchChromium(lab));
popupSuite('chromium', (lab) => launchChromium(lab));
workerSuite();
watchSuite('chromium', (lab) => launchChromium(lab));
askCaSuite('chromium', (lab) => launchChromium(lab));
renewerSuite('chromium', (lab) => launchChromium(lab));
