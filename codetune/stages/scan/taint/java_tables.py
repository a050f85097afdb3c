"""What the Java taint interpreter knows of libraries, as static tables: the request types and
their accessors, Spring's source annotations and handler annotations, the kinds of object calls
return (and those that keep their factory's settings), sanitisers and the families they clean,
conversions, numeric classes, weak random generators, fluent writers, canonicalising methods and
collections. Read by java_models.py (`model_call`), java.py and java_expressions.py.
"""

from __future__ import annotations

import re

REQUEST_TYPES = re.compile(r"(HttpServletRequest|ServletRequest|HttpRequest|WebRequest)$")


REQUEST_SOURCES = frozenset(
    [
        "getParameter",
        "getParameterValues",
        "getParameterMap",
        "getParameterNames",
        "getHeader",
        "getHeaders",
        "getHeaderNames",
        "getCookies",
        "getQueryString",
        "getInputStream",
        "getReader",
        "getRequestURI",
        "getRequestURL",
        "getPathInfo",
        "getRemoteUser",
        "getPart",
        "getParts",
        "getTrailerFields",
    ]
)


SPRING_SOURCES = re.compile(
    r"@(RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|ModelAttribute|"
    r"RequestPart|MatrixVariable)\b"
)


HANDLER_ANNOTATION = re.compile(
    r"@(RequestMapping|GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|"
    r"Path|GET|POST)\b"
)


# What a call returns, by method name: the kind of object later rules look at.
RETURN_KINDS: dict[str, str] = {
    "getRuntime": "Runtime",
    # The response's own writer and stream (a PrintWriter on a file is not a web page).
    "getWriter": "ResponseWriter",
    "getOutputStream": "ResponseStream",
    "getSession": "HttpSession",
    "createStatement": "Statement",
    "prepareStatement": "PreparedStatement",
    "prepareCall": "CallableStatement",
    "getConnection": "Connection",
    "newXPath": "XPath",
    "getContextClassLoader": "ClassLoader",
    "getClassLoader": "ClassLoader",
    "getSystemClassLoader": "ClassLoader",
    "getExpressionFactory": "ExpressionFactory",
    "getSessionCookieConfig": "SessionCookieConfig",
    "getEngineByName": "ScriptEngine",
    "getEngineByExtension": "ScriptEngine",
    "getEngineByMimeType": "ScriptEngine",
}


# Objects made from a factory keep the factory's settings (its XXE hardening).
DERIVED_KINDS: dict[str, str] = {
    "newDocumentBuilder": "DocumentBuilder",
    "newSAXParser": "SAXParser",
    "getXMLReader": "XMLReader",
    "newTransformer": "Transformer",
    "newSchema": "Schema",
    "newValidator": "Validator",
    "createXMLStreamReader": "XMLStreamReader",
    "createXMLEventReader": "XMLEventReader",
}


SANITIZERS: dict[str, frozenset[str]] = {
    "encodeForHTML": frozenset({"html"}),
    "encodeForHTMLAttribute": frozenset({"html"}),
    "encodeForJavaScript": frozenset({"html"}),
    "encodeForCSS": frozenset({"html"}),
    "encodeForXML": frozenset({"html", "xpath"}),
    "encodeForXMLAttribute": frozenset({"html", "xpath"}),
    "encodeForSQL": frozenset({"sql"}),
    "encodeForLDAP": frozenset({"ldap"}),
    "encodeForDN": frozenset({"ldap"}),
    "encodeForXPath": frozenset({"xpath"}),
    "encodeForOS": frozenset({"cmd"}),
    "encodeForURL": frozenset({"html", "cmd", "path", "header"}),
    "escapeHtml": frozenset({"html"}),
    "escapeHtml3": frozenset({"html"}),
    "escapeHtml4": frozenset({"html"}),
    "escapeXml": frozenset({"html", "xpath"}),
    "escapeXml10": frozenset({"html", "xpath"}),
    "escapeXml11": frozenset({"html", "xpath"}),
    "escapeEcmaScript": frozenset({"html"}),
    "htmlEscape": frozenset({"html"}),
    "forHtml": frozenset({"html"}),
    "forHtmlContent": frozenset({"html"}),
    "forHtmlAttribute": frozenset({"html"}),
    "forXml": frozenset({"html", "xpath"}),
    "escapeSql": frozenset({"sql"}),
    "escapeLDAPSearchFilter": frozenset({"ldap"}),
    "encodeFilterValue": frozenset({"ldap"}),
    "filterEncode": frozenset({"ldap"}),
    "getName": frozenset({"path"}),
    # UnboundID LDAP SDK: filters built from an attribute and a value escape the value.
    "createEqualityFilter": frozenset({"ldap"}),
    "createSubstringFilter": frozenset({"ldap"}),
    "createGreaterOrEqualFilter": frozenset({"ldap"}),
    "createLessOrEqualFilter": frozenset({"ldap"}),
    "createApproximateMatchFilter": frozenset({"ldap"}),
    "getFileName": frozenset({"path"}),
    "getBaseName": frozenset({"path"}),
    "encode": frozenset(),  # URLEncoder.encode: see model_call
}


CONVERSIONS = frozenset(
    [
        "parseInt",
        "parseLong",
        "parseDouble",
        "parseFloat",
        "parseBoolean",
        "parseShort",
        "parseByte",
        "valueOf",
        "fromString",
        "hashCode",
        "length",
        "size",
        "compareTo",
        "indexOf",
        "lastIndexOf",
        "isEmpty",
        "equals",
        "equalsIgnoreCase",
        "contains",
        "startsWith",
        "endsWith",
        "matches",
    ]
)


NUMERIC_CLASSES = frozenset(
    [
        "Integer",
        "Long",
        "Double",
        "Float",
        "Short",
        "Byte",
        "Boolean",
        "UUID",
        "BigInteger",
        "BigDecimal",
    ]
)


WEAK_RANDOM_METHODS = frozenset(
    [
        "nextInt",
        "nextLong",
        "nextDouble",
        "nextFloat",
        "nextBoolean",
        "nextGaussian",
        "nextBytes",
        "ints",
        "longs",
        "doubles",
    ]
)


# Methods that return their receiver, by the receiver's kind.
FLUENT_KINDS: dict[str, frozenset[str]] = {
    "ResponseWriter": frozenset({"append", "format", "printf"}),
    "ResponseStream": frozenset(),
    "JspWriter": frozenset({"append"}),
}


CANONICAL_METHODS = frozenset(["getCanonicalPath", "getCanonicalFile", "normalize", "toRealPath"])


COLLECTIONS = frozenset(
    [
        "List",
        "ArrayList",
        "LinkedList",
        "Map",
        "HashMap",
        "LinkedHashMap",
        "TreeMap",
        "Set",
        "HashSet",
        "Collection",
        "Deque",
        "ArrayDeque",
        "Queue",
        "Vector",
        "Stack",
        "Hashtable",
        "Properties",
    ]
)
