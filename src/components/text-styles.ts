/**
 * The story text's styles (src/story/text.css) as a string, for a document that does not link them
 * (an embed on a news site): loaded on demand by story-text.ts, so that the story page, whose own
 * stylesheet has them, does not download them twice.
 */
import textCss from '../story/text.css?inline';

export default textCss;
