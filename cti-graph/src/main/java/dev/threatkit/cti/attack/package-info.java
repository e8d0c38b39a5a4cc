/**
 * MITRE ATT&amp;CK analytics over a store: {@link dev.threatkit.cti.attack.AttackAnalytics} computes the matrix of
 * a domain, the techniques a group, campaign or piece of software covers, the overlap of two of them, the
 * mitigations and detections of a technique, and {@link dev.threatkit.cti.attack.NavigatorLayer} writes coverage
 * as an ATT&amp;CK Navigator layer. Everything is read from the store on each call; nothing is cached. Internals
 * live in {@code dev.threatkit.cti.internal.attack} and are not API.
 */
package dev.threatkit.cti.attack;
