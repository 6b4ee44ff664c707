CREATE TABLE public.planted (x int); SELECT 1 \; COMMIT;
