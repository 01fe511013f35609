package io.ramgrants.demo;

/** The demo cannot go on: something did not converge in time, or a step failed. The message says what. */
final class DemoFailure extends RuntimeException {
    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
