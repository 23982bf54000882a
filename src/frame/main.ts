/**
 * The entry of `iframe.html`: the story page's (URL options, then the element), and the frame's half
 * of the iframe embed (`child.ts`).
 */
import '../main.ts';
import { connectFrame } from './child.ts';

connectFrame();
