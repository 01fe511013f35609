package io.ramgrants.api;

/** One side of a DTS task: who owns the instance, and what it is. */
public class DtsEndpoint {
    public AccountRef accountRef;
    public String accountId;
    public DtsEngine engine;
}
