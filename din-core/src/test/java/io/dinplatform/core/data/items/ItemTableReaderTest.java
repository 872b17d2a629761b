package io.dinplatform.core.data.items;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.csv.TextLimit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class ItemTableReaderTest {

    private static final ItemLimit TEN = new ItemLimit(10, "max-items");
    private static final ItemLimit TWO = new ItemLimit(2, "max-items");

    @Test
    void readsIdTitleCategoryAndFurtherColumnsInAnyOrder() throws IOException {
        String table = "Title,ID,year,category\n\"Heat, the film\",3,1995,Crime\nToy Story (1995),1,,\n";

        List<CatalogItem> items = ItemTableReader.read(stream(table), TextLimit.NONE, TEN);

        assertThat(items).containsExactly(
                new CatalogItem("3", "Heat, the film", "Crime", Map.of("year", "1995")),
                new CatalogItem("1", "Toy Story (1995)", null, Map.of()));
    }

    @Test
    void refusesAHeaderWithoutIdOrTitle() {
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> ItemTableReader.read(stream("item,name\n1,Toy Story\n"), TextLimit.NONE, TEN));

        assertThat(e.errors()).extracting(RowError::row, RowError::column).containsExactly(tuple(0L, "id"),
                tuple(0L, "title"));
        assertThat(e.errors().get(0).reason()).contains("no column 'id'").contains("item,name");
    }

    @Test
    void namesEveryBadRowAtOnce() {
        String table = "id,title\n1,Toy Story\n1,Again\n,Nobody\n2,A,B\n3,Bad\u0000Title\n";

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> ItemTableReader.read(stream(table), TextLimit.NONE, TEN));

        assertThat(e.errors()).extracting(RowError::row, RowError::column).containsExactly(
                tuple(2L, "id"), tuple(3L, "id"), tuple(4L, null), tuple(5L, "title"));
        assertThat(e.errors().get(0).reason()).isEqualTo("item '1' is listed twice");
        assertThat(e.errors().get(2).reason()).isEqualTo("has 3 fields, the header has 2");
        assertThat(e.errors().get(3).reason()).contains("NUL");
    }

    @Test
    void refusesMoreItemsThanAllowedAndAnEmptyTable() {
        DataFormatException tooMany = catchThrowableOfType(DataFormatException.class,
                () -> ItemTableReader.read(stream("id,title\n1,A\n2,B\n3,C\n"), TextLimit.NONE, TWO));
        DataFormatException empty = catchThrowableOfType(DataFormatException.class,
                () -> ItemTableReader.read(stream(""), TextLimit.NONE, TWO));
        DataFormatException headerOnly = catchThrowableOfType(DataFormatException.class,
                () -> ItemTableReader.read(stream("id,title\n"), TextLimit.NONE, TWO));

        assertThat(tooMany.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(3);
            assertThat(error.reason()).isEqualTo("the items file lists more than 2 items (setting max-items)");
        });
        assertThat(empty.getMessage()).contains("the items file is empty");
        assertThat(headerOnly.getMessage()).contains("lists no item");
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] latin1 = "id,title\n1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> ItemTableReader.read(new ByteArrayInputStream(latin1), TextLimit.NONE, TEN));

        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.reason()).contains("UTF-8"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
