package data

// AppendJSONString appends s, cleaned as everywhere callscope writes record
// text (see Clean), as a quoted JSON string: the one JSON string appender,
// for writers outside this package.
func AppendJSONString(b []byte, s string) []byte { return appendJSONString(b, s) }
