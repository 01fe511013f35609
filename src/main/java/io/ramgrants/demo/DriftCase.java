package io.ramgrants.demo;

import java.util.function.Supplier;

/**
 * One out-of-band edit of RAM and how to tell it was undone.
 *
 * @param description what the person did, for the narration and the summary
 * @param grant       the grant whose role was edited
 * @param inject      the edit, made through the RAM SDK as a console user would
 * @param ramState    what the edit changes, read from RAM and parsed so that equality is semantic;
 *                    corrected means equal to what it was before the edit
 */
record DriftCase(String description, GrantRef<?> grant, Runnable inject, Supplier<Object> ramState) {}
