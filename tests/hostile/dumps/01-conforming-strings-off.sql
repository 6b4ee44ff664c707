SET standard_conforming_strings = off;
SELECT 'a\''; COMMIT; CREATE TABLE public.planted (x int); SELECT '\'';
