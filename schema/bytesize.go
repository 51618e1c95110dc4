package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// byteUnits are the suffixes ParseByteSize takes, largest first.
var byteUnits = []struct {
	suffix string
	size   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

// ParseByteSize reads a size such as "67108864", "64MiB", "512KiB" or
// "1GiB" (units are binary, in any case). It must be above zero.
func ParseByteSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	unit := int64(1)
	for _, u := range byteUnits {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, unit = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.size
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/unit {
		return 0, fmt.Errorf("%q is not a size: write a whole number of bytes, or of KiB, MiB or GiB, e.g. 64MiB", s)
	}
	return n * unit, nil
}

// FormatByteSize renders n in the largest unit that divides it, e.g. "64MiB".
func FormatByteSize(n int64) string {
	for _, u := range byteUnits {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
