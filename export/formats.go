package export

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/callscope/callscope/text"
)

// Format is an output format.
type Format string

const (
	NDJSON  Format = "ndjson"
	CSV     Format = "csv"
	Parquet Format = "parquet"
)

// ParseFormat accepts ndjson (or jsonl, json), csv and parquet.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "ndjson", "jsonl", "json":
		return NDJSON, nil
	case "csv":
		return CSV, nil
	case "parquet":
		return Parquet, nil
	}
	return "", fmt.Errorf("unknown format %q: use ndjson, csv or parquet", s)
}

// FormatOf guesses the format from an output file's name: .csv, .parquet,
// else NDJSON.
func FormatOf(path string) Format {
	switch p := strings.ToLower(path); {
	case strings.HasSuffix(p, ".csv"):
		return CSV
	case strings.HasSuffix(p, ".parquet"), strings.HasSuffix(p, ".pq"):
		return Parquet
	}
	return NDJSON
}

// RowGroupRows is the rows of a Parquet row group: DuckDB's own row group
// size, so that it reads one row group per thread.
const RowGroupRows = 122880

// pageBytes is the size a Parquet column's page is written at. Every one
// of a table's columns buffers a page, and a sparse column's page counts
// five bytes a row even when null, so that with parquet-go's 256 KiB the
// pages took 100 MB; with 64 KiB they take 35 MB, for a file 10% bigger
// (ten generated meetings: 32.7 MB, 36.0 MB).
const pageBytes = 64 << 10

// encoder writes a table in one format. A chunk of rows is encoded on any
// goroutine (newChunk, add); the chunks are written in order on one.
type encoder interface {
	newChunk() chunk
	begin() error
	write(c chunk) error
	end() error
}

// chunk is rows encoded for writing. add encodes the next row; from is the
// first level whose columns changed since the chunk's previous row: a
// stream's row differs from its neighbour's only in its own columns, so the
// others are encoded once per session, segment or media and copied.
// Nothing a chunk holds points into a record.
type chunk interface {
	add(row []Value, from level)
	rows() int
	reset()
}

func newEncoder(f Format, w io.Writer, t *Table, o Options) (encoder, error) {
	switch f {
	case NDJSON:
		return newNDJSON(w, t), nil
	case CSV:
		return newCSV(w, t), nil
	case Parquet:
		return newParquet(w, t, o)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// span is a stretch of neighbouring columns of one level, encoded together.
type span struct {
	lo, hi int
	lv     level
}

func spansOf(t *Table) []span {
	var out []span
	for i, lv := range t.levels {
		if n := len(out); n > 0 && out[n-1].lv == lv {
			out[n-1].hi = i + 1
			continue
		}
		out = append(out, span{lo: i, hi: i + 1, lv: lv})
	}
	return out
}

// textEncoder writes rows as text: each column's cell (with what goes
// before it) in order, then the end of the row.
type textEncoder struct {
	w      io.Writer
	header []byte
	spans  []span
	cell   func(b []byte, i int, v *Value) []byte
	eol    string
}

// bytesChunk is rows encoded as text.
type bytesChunk struct {
	e     *textEncoder
	b     []byte
	n     int
	spans [][]byte // each span's text in the last row
}

func (c *bytesChunk) add(row []Value, from level) {
	e := c.e
	if c.n == 0 {
		from = lvCall
	}
	for k, sp := range e.spans {
		if sp.lv >= from {
			t := c.spans[k][:0]
			for i := sp.lo; i < sp.hi; i++ {
				t = e.cell(t, i, &row[i])
			}
			c.spans[k] = t
		}
		c.b = append(c.b, c.spans[k]...)
	}
	c.b = append(c.b, e.eol...)
	c.n++
}

func (c *bytesChunk) rows() int { return c.n }
func (c *bytesChunk) reset()    { c.b, c.n = c.b[:0], 0 }

func (e *textEncoder) newChunk() chunk {
	// Room for a chunk's rows at once (a stream's NDJSON is about 7 KB):
	// growing it costs more than the rows.
	return &bytesChunk{e: e, b: make([]byte, 0, 2<<20), spans: make([][]byte, len(e.spans))}
}
func (e *textEncoder) write(c chunk) error {
	return writePieces(e.w, c.(*bytesChunk).b)
}

// WriteBytes is the most bytes given to one Write of the output. On this
// machine's kernel a write of a few MiB to a file costs several times the
// CPU of the same bytes in 64 KiB writes (why was not found out): NDJSON's 2.2 GB of ten big meetings took 2.0 CPU-s in that copy
// in 1-2 MiB writes, 2.4 in 256 KiB ones and 0.3 in 64 KiB ones (perf).
// Text is therefore written in pieces of this size, unbuffered; a writer
// put in front of the output should not gather them into bigger writes.
const WriteBytes = 64 << 10

// writePieces writes b to w at most WriteBytes at a time.
func writePieces(w io.Writer, b []byte) error {
	for len(b) > 0 {
		n := min(len(b), WriteBytes)
		if _, err := w.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}
func (e *textEncoder) end() error { return nil }
func (e *textEncoder) begin() error {
	if len(e.header) == 0 {
		return nil
	}
	return writePieces(e.w, e.header)
}

// NDJSON: one JSON object per line, every column a key (null when missing).

func newNDJSON(w io.Writer, t *Table) encoder {
	keys := make([]string, len(t.Columns))
	nulls := make([]string, len(t.Columns)) // most cells of a row: its key and null at once
	for i, c := range t.Columns {
		k := string(text.AppendJSON(nil, c.Name)) + ":"
		if i == 0 {
			k = "{" + k
		} else {
			k = "," + k
		}
		keys[i], nulls[i] = k, k+"null"
	}
	cols := t.Columns
	return &textEncoder{w: w, spans: spansOf(t), eol: "}\n", cell: func(b []byte, i int, v *Value) []byte {
		if !v.OK {
			return append(b, nulls[i]...)
		}
		b = append(b, keys[i]...)
		return appendJSONValue(b, cols[i].Type, v)
	}}
}

func appendJSONValue(b []byte, t Type, v *Value) []byte {
	if !v.OK {
		return append(b, "null"...)
	}
	switch t {
	case String:
		return text.AppendJSON(b, v.S)
	case Int, Int32:
		return strconv.AppendInt(b, v.N, 10)
	case Float:
		return appendFloat(b, v.F)
	case Bool:
		return strconv.AppendBool(b, v.N != 0)
	case Time:
		b = append(b, '"')
		b = appendTime(b, v.N)
		return append(b, '"')
	case Strings:
		b = append(b, '[')
		for i, s := range v.L {
			if i > 0 {
				b = append(b, ',')
			}
			b = text.AppendJSON(b, s)
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

// appendFloat writes a number as JSON and CSV readers expect: plain
// decimals, exponents only for the very large and very small.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) { // never from JSON; kept for safety
		return append(b, "null"...)
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, f, 'e', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendTime writes an instant in RFC 3339, UTC, with as many fractional
// digits as it has.
func appendTime(b []byte, ns int64) []byte {
	return time.Unix(0, ns).UTC().AppendFormat(b, time.RFC3339Nano)
}

// CSV: RFC 4180, a header line of column names, CRLF line ends. A missing
// value is an empty cell. Text from the record that would start a formula
// in a spreadsheet (=, +, -, @, tab, CR) is prefixed with a single quote.

func newCSV(w io.Writer, t *Table) encoder {
	cols := t.Columns
	var h []byte
	for i, c := range cols {
		if i > 0 {
			h = append(h, ',')
		}
		h = appendCSVText(h, c.Name)
	}
	h = append(h, "\r\n"...)
	return &textEncoder{w: w, header: h, spans: spansOf(t), eol: "\r\n", cell: func(b []byte, i int, v *Value) []byte {
		if i > 0 {
			b = append(b, ',')
		}
		if !v.OK {
			return b
		}
		switch cols[i].Type {
		case String:
			return appendCSVText(b, v.S)
		case Strings:
			return appendCSVText(b, strings.Join(v.L, "; "))
		case Time:
			return appendTime(b, v.N)
		}
		return appendJSONValue(b, cols[i].Type, v) // numbers and true/false
	}}
}

// appendCSVText appends record text as one CSV field: cleaned as all
// record text is, defused as a formula, quoted when it must be.
func appendCSVText(b []byte, s string) []byte {
	s = text.Clean(s) // no line breaks or control characters are left
	formula := s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
	if !formula && !strings.ContainsAny(s, "\",\r\n") && (s == "" || s[0] != ' ') {
		return append(b, s...)
	}
	b = append(b, '"')
	if formula {
		b = append(b, '\'')
	}
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// Parquet: every column optional (a missing value is NULL) except the
// lists, which are empty instead; text UTF-8, integers INT64, instants
// TIMESTAMP(MICROS, UTC), ids as text (Graph's ids are strings, not all
// GUIDs).

type parquetEncoder struct {
	w       *parquet.GenericWriter[any]
	types   []Type
	levels  []level
	group   int // rows of a row group
	inGroup int // rows written to the current row group
	cut     []int
}

// parquetSchema builds the schema from the columns, in their order.
func parquetSchema(t *Table) *parquet.Schema {
	fields := make([]reflect.StructField, len(t.Columns))
	for i, c := range t.Columns {
		var typ reflect.Type
		tag := c.Name + ",optional"
		switch c.Type {
		case String:
			typ = reflect.TypeFor[*string]()
			if c.Dict {
				tag += ",dict"
			}
		case Int, Int32:
			typ = reflect.TypeFor[*int64]()
		case Float:
			typ = reflect.TypeFor[*float64]()
		case Bool:
			typ = reflect.TypeFor[*bool]()
		case Time:
			typ = reflect.TypeFor[*time.Time]()
			tag += ",timestamp(microsecond:utc)"
		case Strings:
			typ = reflect.TypeFor[[]string]()
			tag = c.Name + ",list"
		}
		fields[i] = reflect.StructField{Name: c.Name, Type: typ, Tag: reflect.StructTag(`parquet:"` + tag + `"`)}
	}
	st := reflect.StructOf(fields)
	return parquet.NewSchema(t.Name, parquet.SchemaOf(reflect.New(st).Elem().Interface()))
}

func newParquet(w io.Writer, t *Table, o Options) (encoder, error) {
	var codec parquet.WriterOption
	switch o.Compression {
	case "", "zstd":
		z, err := newZstd()
		if err != nil {
			return nil, err
		}
		codec = parquet.Compression(z)
	case "snappy":
		codec = parquet.Compression(&parquet.Snappy)
	default:
		return nil, fmt.Errorf("unknown compression %q: use zstd or snappy", o.Compression)
	}
	schema := parquetSchema(t)
	rg := o.rowGroupRows
	if rg <= 0 {
		rg = RowGroupRows
	}
	pw := parquet.NewGenericWriter[any](w, schema, codec,
		parquet.PageBufferSize(pageBytes),
		parquet.CreatedBy("callscope", o.Version, ""),
		parquet.KeyValueMetadata("callscope.table", t.Name))
	types := make([]Type, len(t.Columns))
	for i, c := range t.Columns {
		types[i] = c.Type
	}
	return &parquetEncoder{w: pw, types: types, levels: t.levels, group: rg, cut: make([]int, len(types))}, nil
}

// rowsChunk is rows as Parquet values, column by column. Their text is
// copied into an arena of the chunk's own, once per session, segment or
// media for their columns: the record may be gone, and its buffer read
// over, before the chunk is written. The arena is reused once the chunk is
// written: parquet-go copies the values it is given into its own buffers.
type rowsChunk struct {
	e     *parquetEncoder
	cols  [][]parquet.Value // each column's values, row after row
	last  [][]parquet.Value // each column's values in the last row
	n     int
	arena []byte
}

// text copies s into the arena and returns the copy.
func (c *rowsChunk) text(s string) []byte {
	s = text.Clean(s)
	if cap(c.arena)-len(c.arena) < len(s) {
		// A new arena, big enough for a chunk's text before long: values
		// in this chunk still point into the old one.
		c.arena = make([]byte, 0, max(64<<10, 2*cap(c.arena), len(s)))
	}
	n := len(c.arena)
	c.arena = append(c.arena, s...)
	return c.arena[n:len(c.arena):len(c.arena)]
}

func (e *parquetEncoder) newChunk() chunk {
	n := len(e.types)
	return &rowsChunk{e: e, cols: make([][]parquet.Value, n), last: make([][]parquet.Value, n)}
}
func (e *parquetEncoder) begin() error { return nil }
func (e *parquetEncoder) end() error   { return e.w.Close() }

// write hands each column's values to its column writer, ending a row
// group every e.group rows.
func (e *parquetEncoder) write(c chunk) error {
	rc := c.(*rowsChunk)
	cws := e.w.ColumnWriters()
	clear(e.cut)
	for done := 0; done < rc.n; {
		k := min(rc.n-done, e.group-e.inGroup)
		for i, cw := range cws {
			vals := rc.cols[i][e.cut[i]:]
			if done+k < rc.n {
				vals = vals[:rowsEnd(vals, k)]
			}
			if _, err := cw.WriteRowValues(vals); err != nil {
				return err
			}
			e.cut[i] += len(vals)
		}
		done += k
		if e.inGroup += k; e.inGroup == e.group {
			if err := e.w.Flush(); err != nil {
				return err
			}
			e.inGroup = 0
		}
	}
	return nil
}

// rowsEnd is where the first k rows of a column's values end: a list's
// row may hold several values, each after its first with repetition level 1.
func rowsEnd(vals []parquet.Value, k int) int {
	for i, v := range vals {
		if v.RepetitionLevel() == 0 {
			if k == 0 {
				return i
			}
			k--
		}
	}
	return len(vals)
}

func (c *rowsChunk) rows() int { return c.n }
func (c *rowsChunk) reset() {
	for i := range c.cols {
		c.cols[i], c.last[i] = c.cols[i][:0], c.last[i][:0]
	}
	c.n = 0
	c.arena = c.arena[:0]
}

func (c *rowsChunk) add(row []Value, from level) {
	e := c.e
	if c.n == 0 {
		from = lvCall
	}
	for i, t := range e.types {
		if e.levels[i] >= from {
			c.last[i] = c.values(c.last[i][:0], i, t, &row[i])
		}
		if last := c.last[i]; len(last) == 1 {
			c.cols[i] = append(c.cols[i], last[0]) // most cells: no copy loop
		} else {
			c.cols[i] = append(c.cols[i], last...)
		}
	}
	c.n++
}

// values appends column i's values of a cell: one, or a list's elements.
func (c *rowsChunk) values(v []parquet.Value, i int, t Type, x *Value) []parquet.Value {
	if t == Strings {
		if !x.OK || len(x.L) == 0 {
			return append(v, parquet.NullValue().Level(0, 0, i))
		}
		for j, s := range x.L {
			v = append(v, parquet.ByteArrayValue(c.text(s)).Level(min(j, 1), 1, i))
		}
		return v
	}
	if !x.OK {
		return append(v, parquet.NullValue().Level(0, 0, i))
	}
	var p parquet.Value
	switch t {
	case String:
		p = parquet.ByteArrayValue(c.text(x.S))
	case Int, Int32:
		p = parquet.Int64Value(x.N)
	case Float:
		p = parquet.DoubleValue(x.F)
	case Bool:
		p = parquet.BooleanValue(x.N != 0)
	case Time:
		p = parquet.Int64Value(x.N / 1e3)
	}
	return append(v, p.Level(0, 1, i))
}

// zstdCodec is zstd for Parquet pages with one encoder for the whole
// export and a window of 1 MiB. parquet-go's own takes 8 MiB, 16 MiB of
// history per encoder, and keeps its encoders in a sync.Pool that drops
// them at every collection, so that they are made again and again. A page
// is smaller than the window (see pageBytes).
type zstdCodec struct{ enc *zstd.Encoder }

func newZstd() (*zstdCodec, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20),
		zstd.WithZeroFrames(true), zstd.WithEncoderCRC(false))
	return &zstdCodec{enc: enc}, err
}

func (c *zstdCodec) String() string                            { return "ZSTD" }
func (c *zstdCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }
func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	return c.enc.EncodeAll(src, dst[:0]), nil
}

// Decode is parquet-go's: a writer never decodes.
func (c *zstdCodec) Decode(dst, src []byte) ([]byte, error) { return parquet.Zstd.Decode(dst, src) }
