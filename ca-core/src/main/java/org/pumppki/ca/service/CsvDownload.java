package org.pumppki.ca.service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A CSV file that the console and the REST API both offer for download: the name it is saved under
 * and its rows, written as UTF-8 when the door sends the response body. The service reads the rows
 * before handing this out, inside its own transaction, so writing needs no database.
 */
public record CsvDownload(String fileName, Rows rows) {

    /** Writes the CSV text, header first. */
    @FunctionalInterface
    public interface Rows {
        void write(Writer out) throws IOException;
    }

    public CsvDownload {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(rows, "rows");
    }

    /** The {@code Content-Disposition} header value that makes a browser save the body under the file name. */
    public String contentDisposition() {
        return "attachment; filename=\"" + fileName + "\"";
    }

    /** Writes the file to a response body; the stream stays open for the caller (the HTTP layer) to close. */
    public void writeTo(OutputStream body) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        rows.write(writer);
        writer.flush();
    }
}
