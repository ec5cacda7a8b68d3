/*
 * The .arch language: parameterised blocks, networks built from them, and variants of networks.
 * The grammar is deliberately small; meaning (types, shapes, names) is checked by the compiler.
 */
grammar Arch;

file
    : importDecl* decl* EOF
    ;

importDecl
    : 'import' STRING ';'?
    ;

decl
    : enumDecl
    | blockDecl
    | networkDecl
    | variantDecl
    | gridDecl
    ;

enumDecl
    : 'enum' name=ID '{' ID (',' ID)* ','? '}'
    ;

blockDecl
    : 'block' name=ID '(' paramList? ')' body
    ;

networkDecl
    : 'network' name=ID '(' paramList? ')' body
    ;

// variant V = Base(args) with { Block.param = value  path.to.child.param = value  path.to.child := Block(...) }
variantDecl
    : 'variant' name=ID '=' base=ID '(' argList? ')' ('with' '{' override* '}')?
    ;

// grid G = Base(args) over { param in [a, b], Block.param in [x, y], p, q in [[1, 2], [3, 4]] } with { ... }:
// one variant per combination; several names before one 'in' take their values together (zipped). (No '(' here:
// it may follow an expression, and would make the parser doubt where a call's arguments end.)
gridDecl
    : 'grid' name=ID '=' base=ID '(' argList? ')' 'over' '{' axis (','? axis)* ','? '}' ('with' '{' override* '}')?
    ;

axis
    : dottedName (',' dottedName)* 'in' expr
    ;

// '=' sets a parameter; ':=' replaces a child module, evaluated in the scope of the block that declares it.
override
    : target=dottedName op=('=' | ':=') expr ';'?
    ;

dottedName
    : nameSegment ('.' nameSegment)*
    ;

// '*' stands for any one segment of a path (every item of a container, every stage).
nameSegment
    : ID
    | INT
    | '*'
    ;

paramList
    : param (',' param)* ','?
    ;

param
    : name=ID (':' type)? ('=' expr)?
    ;

type
    : '[' type ']'          # listType
    | ID                    # namedType
    ;

body
    : '{' bodyStmt* '}'
    ;

bodyStmt
    : 'let' name=ID '=' expr ';'?                                   # letStmt
    | name=ID '=' expr ';'?                                         # childStmt
    | 'if' expr '{' bodyStmt* '}' ('else' elseBody)?                # ifBodyStmt
    | 'require' expr (',' STRING)? ';'?                             # requireStmt
    | 'init' typeName=ID '{' initField* '}'                         # initStmt
    | 'input' name=ID ':' expr ';'?                                 # inputStmt
    | 'forward' '(' (ID (',' ID)*)? ')' '{' forwardStmt* '}'        # forwardDecl
    ;

elseBody
    : '{' bodyStmt* '}'
    | ifBodyStmtOnly
    ;

ifBodyStmtOnly
    : 'if' expr '{' bodyStmt* '}' ('else' elseBody)?
    ;

initField
    : name=ID '=' expr ';'?
    ;

forwardStmt
    : ID (',' ID)* '=' expr ';'?                                    # assignStmt
    | 'if' expr '{' forwardStmt* '}' ('else' forwardElse)?          # ifForwardStmt
    | 'return' expr (',' expr)* ';'?                                # returnStmt
    ;

forwardElse
    : '{' forwardStmt* '}'
    | ifForwardOnly
    ;

ifForwardOnly
    : 'if' expr '{' forwardStmt* '}' ('else' forwardElse)?
    ;

expr
    : expr '(' argList? ')'                                  # callExpr
    | expr '[' expr ']'                                      # indexExpr
    | expr '.' ID                                            # memberExpr
    | <assoc=right> expr op='**' expr                        # powerExpr
    | op=('-' | 'not') expr                                  # unaryExpr
    | expr op=('*' | '/' | '%' | '@') expr                   # mulExpr
    | expr op=('+' | '-') expr                               # addExpr
    | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr   # compareExpr
    | expr op='and' expr                                     # andExpr
    | expr op='or' expr                                      # orExpr
    | <assoc=right> expr '?' expr ':' expr                   # condExpr
    | '[' element=expr 'for' var=ID 'in' source=expr ']'     # comprehensionExpr
    | '[' (listItem (',' listItem)* ','?)? ']'               # listExpr
    | '(' expr ')'                                           # parenExpr
    | INT                                                    # intLiteral
    | FLOAT                                                  # floatLiteral
    | ('true' | 'false')                                     # boolLiteral
    | STRING                                                 # stringLiteral
    | ID                                                     # nameExpr
    ;

listItem
    : '*' expr      # spreadItem
    | expr          # plainItem
    ;

argList
    : arg (',' arg)* ','?
    ;

arg
    : (argName '=')? expr
    ;

// Keywords that are also natural argument names (param(shape, init = ...), Conv3d(in = 1, ...)).
argName
    : ID
    | 'init'
    | 'input'
    | 'in'
    ;

ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;
FLOAT   : [0-9]+ '.' [0-9]* EXPONENT? | [0-9]+ EXPONENT | '.' [0-9]+ EXPONENT? ;
INT     : [0-9]+ ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;

DOC_COMMENT  : '///' ~[\r\n]* -> channel(2) ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN) ;
WS           : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else is reported by the compiler with its position instead of being silently dropped.
ERROR_CHAR   : . ;
