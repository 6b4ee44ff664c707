SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false);
SELECT 'a\''; COMMIT; CREATE TABLE public.planted (x int); SELECT '\'';
