// STIX patterning (STIX 2.1 specification, section 9), written from the specification text.
// One grammar serves STIX 2.0 and 2.1: the few differences (EXISTS, what START/STOP take) are checked
// on the syntax tree, so that both versions report the same kind of error at the same place.
// Binary operators are left-associative; precedence, loosest first: FOLLOWEDBY, OR, AND (observations),
// then OR, AND (comparisons). Qualifiers bind to the nearest observation expression.
grammar StixPattern;

pattern
    : observationExpressions EOF
    ;

observationExpressions
    : observationExpressions FOLLOWEDBY observationExpressions
    | observationExpressionOr
    ;

observationExpressionOr
    : observationExpressionOr OR observationExpressionOr
    | observationExpressionAnd
    ;

observationExpressionAnd
    : observationExpressionAnd AND observationExpressionAnd
    | observationExpression
    ;

observationExpression
    : LBRACK comparisonExpression RBRACK           # observationSimple
    | LPAREN observationExpressions RPAREN         # observationGrouped
    | observationExpression startStopQualifier     # observationStartStop
    | observationExpression withinQualifier        # observationWithin
    | observationExpression repeatedQualifier      # observationRepeated
    ;

comparisonExpression
    : comparisonExpression OR comparisonExpression
    | comparisonExpressionAnd
    ;

comparisonExpressionAnd
    : comparisonExpressionAnd AND comparisonExpressionAnd
    | propTest
    ;

propTest
    : objectPath NOT? (EQ | NEQ) primitiveLiteral              # propTestEqual
    | objectPath NOT? (GT | LT | GE | LE) orderableLiteral     # propTestOrder
    | objectPath NOT? IN setLiteral                            # propTestSet
    | objectPath NOT? LIKE StringLiteral                       # propTestLike
    | objectPath NOT? MATCHES StringLiteral                    # propTestRegex
    | objectPath NOT? ISSUBSET StringLiteral                   # propTestIsSubset
    | objectPath NOT? ISSUPERSET StringLiteral                 # propTestIsSuperset
    | LPAREN comparisonExpression RPAREN                       # propTestParen
    | NOT? EXISTS objectPath                                   # propTestExists
    ;

startStopQualifier
    : START (TimestampLiteral | StringLiteral) STOP (TimestampLiteral | StringLiteral)
    ;

withinQualifier
    : WITHIN (IntPosLiteral | FloatPosLiteral) SECONDS
    ;

repeatedQualifier
    : REPEATS IntPosLiteral TIMES
    ;

objectPath
    : objectType COLON firstPathComponent pathStep*
    ;

objectType
    : IdentifierWithoutHyphen
    | IdentifierWithHyphen
    ;

firstPathComponent
    : IdentifierWithoutHyphen
    | StringLiteral
    ;

pathStep
    : DOT (IdentifierWithoutHyphen | StringLiteral)            # keyStep
    | LBRACK (IntPosLiteral | IntNegLiteral | ASTERISK) RBRACK # indexStep
    ;

setLiteral
    : LPAREN RPAREN
    | LPAREN primitiveLiteral (COMMA primitiveLiteral)* RPAREN
    ;

primitiveLiteral
    : orderableLiteral
    | BoolLiteral
    ;

orderableLiteral
    : IntPosLiteral
    | IntNegLiteral
    | FloatPosLiteral
    | FloatNegLiteral
    | StringLiteral
    | BinaryLiteral
    | HexLiteral
    | TimestampLiteral
    ;

// ---- lexer ------------------------------------------------------------------------------------------------

IntNegLiteral : '-' ('0' | [1-9] [0-9]*) ;
IntPosLiteral : '+'? ('0' | [1-9] [0-9]*) ;
FloatNegLiteral : '-' [0-9]* '.' [0-9]+ ;
FloatPosLiteral : '+'? [0-9]* '.' [0-9]+ ;

HexLiteral : 'h' QUOTE (HexDigit HexDigit)* QUOTE ;

BinaryLiteral
    : 'b' QUOTE (Base64Char Base64Char Base64Char Base64Char)*
      (Base64Char Base64Char Base64Char Base64Char | Base64Char Base64Char Base64Char '=' | Base64Char Base64Char '==')?
      QUOTE
    ;

StringLiteral : QUOTE (~['\\] | '\\\'' | '\\\\')* QUOTE ;

BoolLiteral : TRUE | FALSE ;

// The grammar checks field ranges, not the calendar: t'2024-02-30T00:00:00Z' is a timestamp literal.
TimestampLiteral
    : 't' QUOTE
      [0-9] [0-9] [0-9] [0-9] '-'
      ('0' [1-9] | '1' [012]) '-'
      ('0' [1-9] | [12] [0-9] | '3' [01])
      'T'
      ([01] [0-9] | '2' [0-3]) ':'
      [0-5] [0-9] ':'
      ([0-5] [0-9] | '60')
      ('.' [0-9]+)?
      'Z' QUOTE
    ;

AND : 'AND' ;
OR : 'OR' ;
NOT : 'NOT' ;
FOLLOWEDBY : 'FOLLOWEDBY' ;
LIKE : 'LIKE' ;
MATCHES : 'MATCHES' ;
ISSUPERSET : 'ISSUPERSET' ;
ISSUBSET : 'ISSUBSET' ;
EXISTS : 'EXISTS' ;
LAST : 'LAST' ;
IN : 'IN' ;
START : 'START' ;
STOP : 'STOP' ;
SECONDS : 'SECONDS' ;
TRUE : 'true' ;
FALSE : 'false' ;
WITHIN : 'WITHIN' ;
REPEATS : 'REPEATS' ;
TIMES : 'TIMES' ;

IdentifierWithoutHyphen : [a-zA-Z_] [a-zA-Z0-9_]* ;
IdentifierWithHyphen : [a-zA-Z_] [a-zA-Z0-9_-]* ;

EQ : '=' | '==' ;
NEQ : '!=' | '<>' ;
LT : '<' ;
LE : '<=' ;
GT : '>' ;
GE : '>=' ;

QUOTE : '\'' ;
COLON : ':' ;
DOT : '.' ;
COMMA : ',' ;
RPAREN : ')' ;
LPAREN : '(' ;
RBRACK : ']' ;
LBRACK : '[' ;
ASTERISK : '*' ;

fragment HexDigit : [A-Fa-f0-9] ;
fragment Base64Char : [A-Za-z0-9+/] ;

// Unicode White_Space
WS : [ \t\r\n\u000B\u000C\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+ -> skip ;
COMMENT : '/*' .*? '*/' -> skip ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;

// Anything else is one bad character, reported by the parser at its position.
InvalidCharacter : . ;
