package view

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/hexform/hexform/internal/buildinfo"
)

// Version writes what this binary was built as: one line in text (what
// --version prints too), one JSON object in json.
func Version(w io.Writer, format string, info buildinfo.Info) error {
	if format == FormatJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	_, err := fmt.Fprintln(w, info)
	return err
}
