package dev.threatkit.cti.validation;

/** How bad a violation is. */
public enum Severity {
    /** Breaks a MUST of STIX 2.1 (or a SHOULD, in strict mode): the object is invalid. */
    ERROR,
    /** Worth a look but not invalid: a dangling reference, an open-vocabulary value, an empty custom list. */
    WARNING
}
