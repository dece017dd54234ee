from . import (
    test_extensions,
    test_migration,
    test_search,
    test_search_relevance,
    test_search_text_translations,
    test_shop_pages,
    test_shop_phone,
    test_size_stock,
    test_translations,
    test_trigram_rebuild,
)
