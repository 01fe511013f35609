package io.ramgrants.demo;

import java.time.Duration;
import java.util.List;

/** A drift the operator undid: what was changed, on which grant, by which RAM writes, how fast. */
record Correction(String drift, String grant, List<String> eventReasons, Duration timeToCorrect) {}
