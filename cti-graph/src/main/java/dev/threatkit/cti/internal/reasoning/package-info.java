/**
 * The rule engine's internals: premises (facts rules read), derivations with their explanations, the rules, and
 * the engine that keeps derivations exact as facts come and go (delete and re-derive). Not part of the API.
 */
package dev.threatkit.cti.internal.reasoning;
