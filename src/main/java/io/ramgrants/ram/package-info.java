/**
 * The only door to Alibaba Cloud RAM and STS.
 *
 * <p>RAM is slow, rate-limited per account and answers with string error codes. Keeping
 * every call behind {@link io.ramgrants.ram.RamGateway} / {@link io.ramgrants.ram.StsGateway}
 * means the rest of the operator sees typed records and one classified exception
 * ({@link io.ramgrants.ram.RamException} with a {@link io.ramgrants.ram.RamErrorKind}), while
 * the concerns that must be applied uniformly live here exactly once: error
 * classification ({@link io.ramgrants.ram.RamErrors}), the per-account rate limit shared by all
 * callers ({@link io.ramgrants.ram.AccountRateLimiters}), retries with backoff, credential refresh
 * and call metrics ({@link io.ramgrants.ram.ResilientRamGateway}). Build gateways through
 * {@link io.ramgrants.ram.RamGateways} so the engine, controllers and CLI get the same stack.
 *
 * <p>The SDK classes ({@code com.aliyun.*}) never leave this package.
 */
package io.ramgrants.ram;
