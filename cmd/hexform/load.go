package main

import (
	"fmt"

	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/schema"
)

// maxFileSizeVar sets the largest workspace file hexform reads.
const maxFileSizeVar = "HEXFORM_MAX_FILE_SIZE"

// loadOptions reads the loader's settings from the environment.
func loadOptions(e *env) (schema.Options, error) {
	v := e.getenv(maxFileSizeVar)
	if v == "" {
		return schema.Options{}, nil
	}
	n, err := schema.ParseByteSize(v)
	if err != nil {
		return schema.Options{}, withHint(fmt.Errorf("%s: %v", maxFileSizeVar, err),
			"unset it for the default of "+schema.FormatByteSize(schema.DefaultMaxFileSize))
	}
	return schema.Options{MaxFileSize: n}, nil
}

func shortSHA(s string) string { return operation.ShortSHA(s) }
